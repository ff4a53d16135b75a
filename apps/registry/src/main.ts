/**
 * The model registry server: serves `hirelearn.v1.Registry` over gRPC on the document store
 * and artifact folder its settings name, until SIGINT or SIGTERM. Prints one line with the
 * address it listens on (useful with port 0).
 */
import { runService } from '@hirelearn/proto';
import { serveRegistry } from '@hirelearn/registry';
import { settings } from './settings';

runService('registry', () => serveRegistry(settings));
