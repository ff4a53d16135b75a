/**
 * jest's node environment with the host realm's typed arrays. onnxruntime-node's native
 * binding returns host-realm Float32Arrays, and onnxruntime-common (loaded inside jest's
 * sandbox) checks `instanceof Float32Array` against the sandbox's: every session.run fails
 * under plain jest. Outside jest there is one realm and nothing to fix.
 */
const { TestEnvironment } = require('jest-environment-node');

const TYPED = [
  'Float32Array',
  'Float64Array',
  'Int8Array',
  'Int16Array',
  'Int32Array',
  'Uint8Array',
  'Uint16Array',
  'Uint32Array',
  'BigInt64Array',
  'BigUint64Array',
];

class OnnxTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED) this.global[name] = globalThis[name];
  }
}

module.exports = OnnxTestEnvironment;
