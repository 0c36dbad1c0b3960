-- A lift request whose rider is only on the waitlist waits (WAITING) instead of being matchable; it opens when the
-- rider is given a place. Requests made before this are moved by the next migration: a value added by ALTER TYPE
-- cannot be used in the same transaction.
ALTER TYPE "LiftRequestStatus" ADD VALUE 'WAITING';
