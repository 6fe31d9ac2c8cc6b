-- one placement: claim the oldest pending job nobody else holds and book the member's capacity, in one transaction
\set member random(1, :members)
BEGIN;
UPDATE bench_job SET state = 'SCHEDULED', member_id = :member
  WHERE id = (SELECT id FROM bench_job WHERE state = 'PENDING' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1);
UPDATE bench_member SET cpu_alloc = cpu_alloc + 100 WHERE id = :member AND cpu_alloc + 100 <= cpu_total;
SELECT pg_notify('sharer_assign', CAST(:member AS TEXT));
COMMIT;
