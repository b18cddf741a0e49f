-- An email's bodies are kept out of its row (in the table's TOAST storage, compressed) instead of
-- in it. A message is written three times: queued, claimed by the delivery worker, marked sent.
-- Each write is a new version of the row, and with the bodies in it (1.5 KB for a notification)
-- each version copied them into the write-ahead log again: an email cost 4.5 KB of log, a report
-- submission, which emails its response team, 40 of its 70 KB. Out of the row, a version of the
-- row points to the same stored bodies: the claim and the outcome write a few hundred bytes each.
-- PostgreSQL turns to a row's long values once the row is over 2 KB and then compresses them,
-- and moves them out, until the row is under this target (2 KB by default: compressed, a
-- notification's bodies stayed in the row); 128 is the least it takes.
ALTER TABLE "email_outbox" SET (toast_tuple_target = 128);
