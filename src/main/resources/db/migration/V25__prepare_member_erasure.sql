-- Erasure (issue 18): a person leaves a room and takes their personal data with them (member.ErasureService).

-- What becomes of the text of an erased member's posts and sign-off comments: REMOVE (the default) or KEEP.
alter table room add column erased_post_text varchar(8) not null default 'REMOVE'
    constraint room_erased_post_text_check check (erased_post_text in ('REMOVE', 'KEEP'));

-- Null: written by a former member, who was erased. Their posts and the events they made stay, nameless.
alter table post alter column author_name drop not null;
alter table room_event alter column actor_name drop not null;

-- The invitation emails' count per address keeps the address's SHA-256 (hex of the lower-cased address), not the
-- address: it must outlive the member (or removing and re-adding someone would mail them without limit), and an
-- erased person's address must not stay behind in it.
alter table invitation_mail rename column email to email_sha256;
update invitation_mail set email_sha256 = encode(sha256(convert_to(lower(email_sha256), 'UTF8')), 'hex');
alter table invitation_mail alter column email_sha256 type varchar(64);
alter index invitation_mail_email_sent_at rename to invitation_mail_email_sha256_sent_at;
