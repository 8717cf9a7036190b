-- A room's reusable shape (template.TemplateService): its groups, plan and welcome text, saved by a seller under
-- their verified email, without people; dates are relative. The content is jsonb, validated on the way in and out.
-- The built-in templates are resources, not rows.
create table room_template (
    id           uuid          primary key,
    author_email varchar(254)  not null,
    author_name  varchar(200)  not null,
    name         varchar(200)  not null,
    description  varchar(2000),
    -- visible to every person of the installation (read and open only; the author alone changes it)
    shared       boolean       not null default false,
    content      jsonb         not null,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null
);

-- an author's templates (listing, and the count under the per-author limit)
create index room_template_author on room_template (author_email, created_at);
-- the shared ones, for everyone's list
create index room_template_shared on room_template (created_at) where shared;

-- A plan item that stands for a sign-off to request (a room opened from a template): the page offers to turn it
-- into a real sign-off request, whose approvers someone picks.
alter table task add column signoff_to_request boolean not null default false;
