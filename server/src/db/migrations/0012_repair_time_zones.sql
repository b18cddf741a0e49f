-- Events whose time zone the database does not know (names Node accepted but PostgreSQL's tz
-- data dropped, such as US/Pacific-New) would break every list that computes dates in the
-- event's zone. Such an event falls back to UTC; new names are checked against the database.
UPDATE "events" SET "time_zone" = 'UTC'
WHERE "time_zone" NOT IN (SELECT "name" FROM pg_timezone_names);
