/**
 * The model registry server: serves `hirelearn.v1.Registry` and the configuration channel
 * `hirelearn.v1.Config` over gRPC on the document store and artifact folder its settings name,
 * until SIGINT or SIGTERM. Prints one line with the address it listens on (useful with port 0).
 */
import { nightlyEvidenceCheck } from '@hirelearn/nightly';
import { runService } from '@hirelearn/rpc';
import { serveRegistry } from '@hirelearn/registry';
import { loadableArtifact } from '@hirelearn/services';
import { settings } from './settings';

// Registrations must load the way the model services load them; an approval's evidence must
// still be there.
runService('registry', () =>
  serveRegistry(settings, {
    checkArtifact: loadableArtifact,
    evidenceCheck: nightlyEvidenceCheck,
  }),
);
