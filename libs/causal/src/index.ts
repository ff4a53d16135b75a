/** @hirelearn/causal — model → identify → estimate → refute, over plain columns. */
export * from './types';
export * from './settings';
export * from './data';
export * from './effect';
export * from './propensity';
export * from './overlap';
export * from './balance';
export * from './naive';
export * from './ipw';
export * from './aipw';
export * from './matching';
export * from './iv';
export * from './refuters';
export * from './q-values';
export * from './grading';
export * from './identify';
export * from './analyze';
