-- Retention drops events by age.
create index room_event_at_idx on room_event (at);
