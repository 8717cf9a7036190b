-- Every invitation email sent, by invitee address (common.RateLimits: invitation emails to one address per hour).
-- Apart from the invitation rows on purpose: removing a member removes their invitations, and the count must
-- survive that, or removing and re-adding someone would mail them without limit. Rows past the hour are deleted
-- as the next email to that address is sent.
create table invitation_mail (
    email   varchar(254) not null,
    sent_at timestamptz  not null
);

create index invitation_mail_email_sent_at on invitation_mail (email, sent_at);

-- The emails of the last hour count from the first moment on.
insert into invitation_mail (email, sent_at)
select lower(email), created_at from invitation where created_at > now() - interval '1 hour';
