/**
 * Minimal typings for the parts of `jstat` (v1.9) used by @hirelearn/stats.
 * jstat ships no TypeScript declarations; only the functions called here are declared.
 */
declare module 'jstat' {
  interface JStatContinuous {
    cdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  interface JStatStatic {
    /** Regularized incomplete beta I_x(a, b). */
    ibeta(x: number, a: number, b: number): number;
    /** Regularized lower incomplete gamma P(a, x). */
    lowRegGamma(a: number, x: number): number;
    /** log Gamma(x). */
    gammaln(x: number): number;
    erfc(x: number): number;
    normal: JStatContinuous;
    studentt: JStatContinuous;
    chisquare: JStatContinuous;
    centralF: JStatContinuous;
  }
  export const jStat: JStatStatic;
}
