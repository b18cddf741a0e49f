import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { transactionExecutor } from './transaction-executor.js';

// RuleTester reports through the test framework's own functions.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
});

tester.run('steward/transaction-executor', transactionExecutor, {
  valid: [
    // Everything through the transaction's own executor, nested savepoints included.
    `async function f(db: Database) {
       return db.transaction(async (tx) => {
         await lockReport(tx, id);
         await tx.transaction(async (sp) => sp.insert(t).values(v));
       });
     }`,
    // The database after the transaction has ended.
    `async function f(db: Database) {
       const row = await db.transaction(async (tx) => tx.select().from(t));
       await notify(db, row);
     }`,
    // Another variable of the same name inside the callback is not the database.
    `async function f(db: Database) {
       return db.transaction(async (tx) => { const db = tx; return db.select().from(t); });
     }`,
    `async function f(app) {
       await app.database.db.transaction(async (tx) => tx.select().from(t));
       return app.database.db.select().from(t);
     }`,
  ],
  invalid: [
    {
      // A transaction begun on the database while one is held: a second connection.
      code: `async function f(db: Database) {
               return db.transaction(async (tx) => {
                 await tx.insert(t).values(v);
                 await db.transaction(async (other) => other.delete(t));
               });
             }`,
      errors: [{ messageId: 'outer' }],
    },
    {
      // A helper handed the database, not the executor: it reads outside the transaction.
      code: `async function f(db: Database) {
               await db.transaction(async (tx) => { await recordAudit(db, entry); });
             }`,
      errors: [{ messageId: 'outer' }],
    },
    {
      code: `async function f(app) {
               await app.database.db.transaction(async (tx) => app.database.db.select().from(t));
             }`,
      errors: [{ messageId: 'outer' }],
    },
    {
      // A plain function callback, and two uses: each is reported.
      code: `function f(db) {
               return db.transaction(async function (tx) { await db.select(); await db.update(t); });
             }`,
      errors: [{ messageId: 'outer' }, { messageId: 'outer' }],
    },
  ],
});
