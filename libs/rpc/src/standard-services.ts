import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Server, ServiceDefinition } from '@grpc/grpc-js';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';

/** The standard health service every hirelearn server answers (grpc_health_probe, Kubernetes). */
export const HEALTH_SERVICE = 'grpc.health.v1.Health';

/** The fully qualified name of a service from its definition (`/pkg.Service/Method` paths). */
export function serviceName(definition: ServiceDefinition): string {
  const first = Object.values(definition)[0];
  if (!first) throw new TypeError('a service definition without methods has no name');
  return first.path.slice(1, first.path.lastIndexOf('/'));
}

/** Every `.proto` under `dir`, relative to it (proto-loader resolves imports from `dir`). */
function protoFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.proto')) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The repository's `proto/` folder, found upward from this module (the sources under
 * libs/rpc/src and the bundles under dist/apps/* both live inside the repository).
 * Reflection needs the files' descriptors, which ts-proto's generated code does not carry.
 */
export function protoDirectory(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'proto');
    if (existsSync(join(candidate, 'inference', 'open_inference_grpc.proto'))) return candidate;
    if (dirname(dir) === dir) {
      throw new Error(
        `server reflection: no proto/ folder (with inference/open_inference_grpc.proto) above ${from}; ` +
          'run the services from the repository or a copy that keeps proto/',
      );
    }
  }
}

let descriptors: PackageDefinition | null = null;

/** Our protos and the health proto, loaded once per process (reflection's source). */
function packageDefinition(): PackageDefinition {
  if (!descriptors) {
    const dir = protoDirectory();
    descriptors = loadSync([...protoFiles(dir), healthProtoPath], {
      includeDirs: [dir],
      keepCase: true,
    });
  }
  return descriptors;
}

/**
 * Adds the standard services beside a server's own: `grpc.health.v1.Health` (SERVING for
 * the whole server, '' , and for each of its services by name) and server reflection
 * listing exactly the services this server answers. Stock tools (grpc_health_probe, grpcurl,
 * a KServe client) then need nothing of ours to find and check a service. Returns the health
 * implementation, so a server can report NOT_SERVING while it stops.
 */
export function addStandardServices(
  server: Server,
  services: readonly ServiceDefinition[],
): HealthImplementation {
  const names = services.map(serviceName);
  const health = new HealthImplementation(
    Object.fromEntries(['', ...names].map((n) => [n, 'SERVING' as const])),
  );
  health.addToServer(server);
  new ReflectionService(packageDefinition(), {
    services: [...names, HEALTH_SERVICE],
  }).addToServer(server);
  return health;
}
