-- Webhooks: a room's managers subscribe an HTTP endpoint to the room's events (webhook.WebhookService). Each
-- subscription receives what its creator may see, and stops (disabled) once its creator leaves the room or may no
-- longer manage webhooks. The secret signs every delivery; it is shown once, when the subscription is created.
create table webhook (
    id              uuid         primary key,
    room_id         uuid         not null references room (id) on delete cascade,
    -- null once the creator has left the room: the subscription is then disabled for good
    created_by      uuid         references member (id) on delete set null,
    created_by_name text         not null,
    url             text         not null,
    -- wire names of event types, or the single '*' for every type
    event_types     text[]       not null,
    description     text,
    secret          text         not null,
    enabled         boolean      not null,
    -- why the server disabled it (creator-left, creator-not-manager); null when enabled or disabled by a manager
    disabled_reason text,
    created_at      timestamptz  not null
);

-- the subscriptions an event is matched against, and the check that spares a room without any the outbox
create index webhook_room_enabled on webhook (room_id) where enabled;
create index webhook_room on webhook (room_id, created_at);

-- The outbox carries every slow side effect, written in the transaction of the change that causes it and sent in
-- the background by common.Outbox: emails (kind 'email', deleted once sent) and webhook deliveries (kind 'webhook',
-- kept once delivered, as the subscription's delivery log, until dealroom.webhooks.log-retention).
alter table email_outbox rename to outbox;
alter table outbox add column kind text not null default 'email';
alter table outbox alter column kind drop default;
alter table outbox add constraint outbox_kind check (kind in ('email', 'webhook'));
-- email: recipient and subject; body is the email's text, or a webhook delivery's JSON body, as it is signed
alter table outbox alter column to_address drop not null;
alter table outbox alter column subject drop not null;
-- webhook: the room subscription (null: the installation's, from configuration), the event, the stable
-- webhook-id header that receivers dedupe on, the last HTTP status, and when it was delivered
alter table outbox add column webhook_id uuid references webhook (id) on delete cascade;
alter table outbox add column room_id uuid references room (id) on delete cascade;
alter table outbox add column event_seq bigint;
alter table outbox add column event_type text;
alter table outbox add column message_id text;
alter table outbox add column last_status integer;
alter table outbox add column delivered_at timestamptz;
alter table outbox add constraint outbox_shape check (
    kind = 'email' and to_address is not null and subject is not null
    or kind = 'webhook' and room_id is not null and event_seq is not null and event_type is not null
       and message_id is not null);

-- the senders' claim: the rows still to send, oldest due first
drop index email_outbox_due;
create index outbox_due on outbox (next_attempt_at) where failed_at is null and delivered_at is null;
-- a subscription's delivery log, newest first
create index outbox_webhook_log on outbox (webhook_id, id desc) where webhook_id is not null;
-- the pruning of old delivery logs
create index outbox_webhook_done on outbox (coalesce(delivered_at, failed_at)) where kind = 'webhook';
