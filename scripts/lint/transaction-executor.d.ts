import type { ESLint, Rule } from 'eslint';

export const transactionExecutor: Rule.RuleModule;
export const stewardRules: ESLint.Plugin;
