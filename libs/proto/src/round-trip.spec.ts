import { ArtifactFormat, EnsemblePrediction, ModelVersion, Stage } from './index';

describe('generated messages', () => {
  it('round-trip a model version through the wire format', () => {
    const v: ModelVersion = {
      model: 'ensemble',
      version: 3,
      stage: Stage.STAGE_PRODUCTION,
      artifact: {
        sha256: 'ab'.repeat(32),
        format: ArtifactFormat.ARTIFACT_FORMAT_ONNX,
        uri: 'file:///x',
        size_bytes: 12,
      },
      metrics: { log_loss: 0.52, auc: 0.71 },
      training_data_window: { start: '2026-01-01T00:00:00.000Z', end: '2026-06-01T00:00:00.000Z' },
      seed: 42,
      code_version: 'abc123',
      settings_hash: 'f00d',
      registered_by: 'ada',
      registered_at: '2026-06-02T00:00:00.000Z',
      description: '',
      tags: {},
    };
    expect(ModelVersion.decode(ModelVersion.encode(v).finish())).toEqual(v);
  });

  it('keeps the order of individual predictions', () => {
    const p = EnsemblePrediction.fromPartial({
      probability: 0.3,
      individual_predictions: [
        { model: 'logistic', probability: 0.2 },
        { model: 'trees', probability: 0.4 },
      ],
    });
    const back = EnsemblePrediction.decode(EnsemblePrediction.encode(p).finish());
    expect(back.individual_predictions.map((m) => m.model)).toEqual(['logistic', 'trees']);
    expect(back.probability).toBeCloseTo(0.3, 12);
  });
});
