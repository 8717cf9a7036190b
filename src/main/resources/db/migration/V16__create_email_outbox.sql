-- Emails waiting to be sent (common.Emails writes them in the transaction of the change that causes them;
-- common.EmailOutbox sends them in the background). Rendered when written: subject and text in the
-- recipient's language, so sending needs nothing else. A row is deleted once its email has gone out; a row
-- whose every attempt failed stays, with failed_at and its last error, until an operator resends or deletes it.
create table email_outbox (
    id              bigint generated always as identity primary key,
    to_address      text        not null,
    subject         text        not null,
    body            text        not null,
    created_at      timestamptz not null default now(),
    -- when a sender may take it next: now for a new row, the end of the backoff after a failure, the end of
    -- the claim while a sender has it (a node that dies while sending leaves it to be taken again then)
    next_attempt_at timestamptz not null default now(),
    attempts        integer     not null default 0,
    last_error      text,
    failed_at       timestamptz
);

-- the senders' claim: the rows still to send, oldest due first
create index email_outbox_due on email_outbox (next_attempt_at) where failed_at is null;
