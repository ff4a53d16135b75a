import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/**
 * Trains on TensorFlow.js's WASM backend (SIMD kernels, several times the pure-JS CPU
 * backend on the dense layers here, and no native build). Returns false when the WASM
 * backend could not start (training then runs on the active backend).
 */
export async function useTensorFlowWasmBackend(): Promise<boolean> {
  const ok = await tf.setBackend('wasm');
  await tf.ready();
  return ok;
}
