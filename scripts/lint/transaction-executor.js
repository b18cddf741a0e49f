// ESLint rule `steward/transaction-executor`: inside `x.transaction(async (tx) => …)`, the code
// uses `tx`, never `x` again. A statement sent through `x` runs outside the transaction (it sees
// none of its writes, and its own writes survive a rollback); a transaction begun on `x` needs a
// second connection while the first is held, and transactions may hold at most 7 of the pool's
// 10 (server/src/db/pool.ts), so seven such requests at once wait for each other until the
// connection timeout. On PGlite, with its one connection, it waits forever.

/** The source text of a callee's object (`db`, `app.database.db`), when it is a plain name path. */
function namePath(node) {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = namePath(node.object);
    return object === null ? null : `${object}.${node.property.name}`;
  }
  return null;
}

const isFunction = (node) =>
  node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionExpression';

/** @type {import('eslint').Rule.RuleModule} */
export const transactionExecutor = {
  meta: {
    type: 'problem',
    docs: { description: 'Inside a transaction callback, use its executor, not the database.' },
    schema: [],
    messages: {
      outer:
        "`{{name}}` inside its own transaction callback: use the callback's executor ({{tx}}). " +
        'Through `{{name}}` a statement runs outside the transaction, and a transaction needs a ' +
        'second connection while this one is held (db/pool.ts).',
    },
  },
  create(context) {
    const { sourceCode } = context;
    return {
      CallExpression(call) {
        const callee = call.callee;
        if (callee.type !== 'MemberExpression' || callee.computed) return;
        if (callee.property.type !== 'Identifier' || callee.property.name !== 'transaction') return;
        const callback = call.arguments[0];
        if (!isFunction(callback)) return;
        const name = namePath(callee.object);
        if (name === null) return;
        const param = callback.params[0];
        const tx = param?.type === 'Identifier' ? `\`${param.name}\`` : 'its first parameter';
        const inside = (node) =>
          node.range[0] >= callback.body.range[0] && node.range[1] <= callback.body.range[1];
        const report = (node) => context.report({ node, messageId: 'outer', data: { name, tx } });

        if (callee.object.type === 'Identifier') {
          // The same variable, not another of the same name declared inside the callback.
          const scope = sourceCode.getScope(call);
          let variable = null;
          for (let s = scope; s && !variable; s = s.upper) variable = s.set.get(name) ?? null;
          if (!variable) return;
          for (const ref of variable.references) if (inside(ref.identifier)) report(ref.identifier);
          return;
        }
        // A path such as `app.database.db`: the same path written again inside the callback.
        const visit = (node) => {
          if (!node || typeof node.type !== 'string') return;
          if (node.type === 'MemberExpression' && namePath(node) === name) return report(node);
          for (const key of Object.keys(node)) {
            if (key === 'parent') continue;
            const child = node[key];
            if (Array.isArray(child)) child.forEach(visit);
            else if (child && typeof child === 'object') visit(child);
          }
        };
        visit(callback.body);
      },
    };
  },
};

export const stewardRules = { rules: { 'transaction-executor': transactionExecutor } };
