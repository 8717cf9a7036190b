-- The room's face for the buyer: the seller's company name, the owner's welcome message, an accent colour and
-- the two companies' logos (issue 15).

alter table room add column seller_name varchar(200);
alter table room add column welcome_message varchar(4000);
-- '#rrggbb', dark enough for white text on it (checked by RoomService)
alter table room add column accent_color varchar(7);
-- when each logo was last replaced: the page's image address carries it, so a new logo is never a cached old one
alter table room add column buyer_logo_at timestamptz;
alter table room add column seller_logo_at timestamptz;

create table room_logo (
    room_id    uuid        not null references room (id) on delete cascade,
    -- BUYER or SELLER
    side       varchar(16) not null,
    media_type varchar(32) not null,
    content    bytea       not null,
    updated_at timestamptz not null,
    primary key (room_id, side)
);
