-- A task's due date may follow a rule: a date (ABSOLUTE, as before), N days after the room opened, N days before
-- the room's target decision date, or N days after another task of the same group is done. due_date keeps the
-- date the rule gives today, so everything that reads it (overdue, progress, agenda) is unchanged.
alter table task
    add column due_kind          varchar(24) not null default 'ABSOLUTE',
    add column due_days          integer,
    add column due_after_task_id uuid references task (id),
    -- the day the task was last marked done, in the server's time zone; null while it is not done
    add column done_on           date,
    -- how many tasks follow this one (AFTER_TASK): a status change of a task others follow is rescheduled by the
    -- ordinary path, and the one-statement change checks this column on the row it locks
    add column dependents        integer     not null default 0,
    add constraint task_due_kind_check
        check (due_kind in ('ABSOLUTE', 'AFTER_ROOM_OPENED', 'BEFORE_DECISION', 'AFTER_TASK')),
    add constraint task_due_days_check
        check ((due_kind = 'ABSOLUTE') = (due_days is null) and (due_days is null or due_days between 0 and 3650)),
    add constraint task_due_after_check check ((due_kind = 'AFTER_TASK') = (due_after_task_id is not null)),
    add constraint task_dependents_check check (dependents >= 0);

update task set done_on = cast(updated_at as date) where status = 'DONE';

-- the tasks that follow one task (rescheduling walks these), and the room's rule-driven tasks (a decision date move)
create index task_due_after_idx on task (due_after_task_id) where due_after_task_id is not null;
create index task_room_rule_idx on task (room_id) where due_kind <> 'ABSOLUTE';
