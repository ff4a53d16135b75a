import {
  loadEnsemble,
  logisticToOnnx,
  OnnxScorer,
  type ApplicationFeatures,
  type EnsembleModel,
  type EnsemblePrediction,
} from '@hirelearn/ml';

/**
 * An ensemble as served: the JSON artifact's model, and its logistic member exported to
 * ONNX and scored by onnxruntime-node (the family ONNX expresses exactly; the trees and the
 * network run from their JSON weights).
 */
export interface ServableEnsemble {
  readonly model: EnsembleModel;
  readonly onnx: { readonly scorer: OnnxScorer; readonly member: number } | null;
}

/** Parses an ensemble artifact and, when `useOnnx`, builds the ONNX session of its logistic. */
export async function loadServableEnsemble(
  content: Buffer,
  useOnnx: boolean,
): Promise<ServableEnsemble> {
  const model = loadEnsemble(content.toString('utf8'));
  const member = model.artifact.members.findIndex((m) => m.artifact.kind === 'logistic');
  const logistic = model.artifact.members[member]?.artifact;
  if (!useOnnx || !logistic || logistic.kind !== 'logistic') return { model, onnx: null };
  const scorer = await OnnxScorer.create(logisticToOnnx(logistic));
  return { model, onnx: { scorer, member } };
}

/** EnsemblePredictions of rows, the logistic member's column from onnxruntime when present. */
export async function predictServable(
  s: ServableEnsemble,
  rows: readonly ApplicationFeatures[],
): Promise<EnsemblePrediction[]> {
  if (rows.length === 0) return [];
  const X = s.model.encode(rows);
  const P = s.model.memberProbabilities(X);
  if (s.onnx) {
    const scores = await s.onnx.scorer.score(X);
    const k = s.onnx.member;
    P.forEach((ps, i) => (ps[k] = scores[i]));
  }
  return s.model.combine(P);
}
