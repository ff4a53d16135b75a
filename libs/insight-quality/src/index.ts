/**
 * @hirelearn/insight-quality — the quality of what the engine delivers (spec 12.3): every
 * insight and recommendation logged at delivery, then measured as outcomes arrive.
 */
export {
  DELIVERY_KINDS,
  CONFIDENCE_GRADES,
  APPLICATION_CATEGORIES,
  CALIBRATED_METRIC,
  CALIBRATED_UNIT,
  InvalidDeliveryError,
  deliveryId,
  parseDeliveryInput,
  type ActionType,
  type ConfidenceGrade,
  type DeliveryEvidence,
  type DeliveryInput,
  type DeliveryKind,
  type InsightDelivery,
  type PredictedEffect,
  type RecommendedAction,
} from './delivery';
export {
  DELIVERIES_COLLECTION,
  DeliveryLog,
  type DeliveryQuery,
  type RecordResult,
} from './delivery-log';
export { gradeOfConfidence, recommendationDelivery } from './recommendation-delivery';
export { predictedEffectOf } from './predicted-effect';
export {
  DEFAULT_INSIGHT_QUALITY_SETTINGS,
  insightQualitySettings,
  type InsightQualitySettings,
  type PrecisionPeriod,
} from './settings';
export type { ActStatus } from './acted-on';
export type { FigureStatus, MeanFigure, RateFigure } from './figures';
export type { RealizedLift } from './lift';
export type { Calibration, InsightOutcome } from './realized';
export type { PeriodPrecision } from './precision';
export type { Helpfulness } from './helpfulness';
export type { CalibrationSummary, DeliveryCounts, InsightQualityReport } from './report';
export { measureInsightQuality, type MeasureOptions } from './measure';
export { actionLabel } from './insights';
export { qualitySummary } from './summary';
