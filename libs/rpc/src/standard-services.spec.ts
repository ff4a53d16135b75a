import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, makeGenericClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { InterviewPredictorService } from '@hirelearn/proto';
import { startGrpcServer, type RunningService } from './grpc-server';
import { serverSecuritySettings } from './security/settings';
import { serviceName } from './standard-services';

/**
 * Every server started through startGrpcServer answers the standard health service for
 * itself ('') and for each of its services by name, as grpc_health_probe and Kubernetes ask.
 */
describe('standard services on every server', () => {
  let server: RunningService;
  const HealthClient = makeGenericClientConstructor(healthService, 'Health');
  let client: InstanceType<typeof HealthClient>;

  const dir = mkdtempSync(join(tmpdir(), 'hl-standard-'));

  beforeAll(async () => {
    server = await startGrpcServer(
      [
        {
          service: InterviewPredictorService,
          implementation: { predictInterview: () => undefined },
        },
      ],
      { security: serverSecuritySettings({}, { tokenFile: join(dir, 'token') }) },
    );
    client = new HealthClient(server.address, credentials.createInsecure());
  });
  afterAll(async () => {
    client?.close();
    await server?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  const check = (service: string) =>
    new Promise<string>((resolve) =>
      (client as unknown as Record<string, (...a: unknown[]) => void>).check(
        { service },
        (e: ServiceError | null, r: { status: string }) =>
          resolve(e ? `error ${e.code}` : r.status),
      ),
    );

  it('reports SERVING for the server and its services, NOT_FOUND for others', async () => {
    expect(serviceName(InterviewPredictorService)).toBe('hirelearn.v1.InterviewPredictor');
    expect(await check('')).toBe('SERVING');
    expect(await check('hirelearn.v1.InterviewPredictor')).toBe('SERVING');
    expect(await check('hirelearn.v1.Registry')).toBe('error 5');
  });
});
