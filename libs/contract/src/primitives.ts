import { z } from 'zod';

/** A score on the contract's 0-100 scale. */
export const score = z.number().min(0).max(100);

/** An identifier: a string of 1 to 128 characters. */
export const identifier = z.string().min(1).max(128);

/**
 * ISO 8601 date-time WITH an offset (`2026-01-06T09:30:00Z`, `...+02:00`). Naive times are
 * rejected by the contract because a learning engine cannot place them on one time line.
 */
export const timestamp = z.iso.datetime({ offset: true, local: false });

export const companySize = z.enum([
  '1-10',
  '11-50',
  '51-200',
  '201-500',
  '501-1000',
  '1001-5000',
  '5000+',
]);

export const companyStage = z.enum([
  'seed',
  'series_a',
  'series_b',
  'series_c_plus',
  'public',
  'private',
]);

export const applicationCategory = z.enum(['reach', 'target', 'safety']);

export const seniority = z.enum([
  'intern',
  'junior',
  'mid',
  'senior',
  'staff',
  'principal',
  'manager',
  'director',
  'executive',
]);

export const educationLevel = z.enum([
  'none',
  'high_school',
  'associate',
  'bachelor',
  'master',
  'phd',
]);

/** Any JSON value, but the key must be present. */
export const anyJson = z.custom<unknown>((v) => v !== undefined, {
  message: 'is required',
  params: { reason: 'missing_field' },
});

/** The contract's seniority levels, junior to senior (their order is meaningful). */
export const SENIORITY_LEVELS: readonly string[] = seniority.options;

/** The contract's education levels, lowest to highest. */
export const EDUCATION_LEVELS: readonly string[] = educationLevel.options;

/** The contract's company sizes (`501-1000` and its like: ranges, not phone numbers). */
export const COMPANY_SIZES: readonly string[] = companySize.options;
