/**
 * The learning engine: serves `hirelearn.v1.Experiments` (create, start, pause, assign,
 * analyse, ramp, roll back, export GrowthBook features) over gRPC on the document and event
 * stores its settings name, until SIGINT or SIGTERM. Prints one line with the address it
 * listens on (useful with port 0).
 */
import { runService } from '@hirelearn/rpc';
import { serveLearningEngine } from '@hirelearn/experiments';
import { settings } from './settings';

runService('learning-engine', () => serveLearningEngine(settings));
