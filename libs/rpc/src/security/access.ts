/**
 * Who may call what: every method of every service hirelearn serves is either a read (no
 * state changes) or a change that named roles may make. The table is the single place this is
 * decided; a method it does not list is refused to everyone but `admin` (fail closed), and
 * `access.spec.ts` fails when a hirelearn method is missing from it.
 */

/** The roles a credential carries. `admin` may call everything. */
export const ROLES = ['admin', 'ml-engineer', 'experimenter', 'monitor', 'reader'] as const;
export type Role = (typeof ROLES)[number];

/** `read`: open to anyone on loopback, to any authenticated caller elsewhere; else the roles (besides admin) that may call. */
export type Access = 'read' | readonly Role[];

type ServiceAccess = Access | Readonly<Record<string, Access>>;

const READ = 'read' as const;

/** By fully qualified service name, then by method name (a whole service may be `read`). */
const TABLE: Record<string, ServiceAccess> = {
  'hirelearn.v1.Registry': {
    RegisterVersion: ['ml-engineer'],
    Promote: ['ml-engineer'],
    // The drift monitor rolls back a production version its checks find critical.
    Rollback: ['ml-engineer', 'monitor'],
    Archive: ['ml-engineer'],
    GetVersion: READ,
    ListVersions: READ,
    ListTransitions: READ,
    FetchArtifact: READ,
    Watch: READ,
  },
  'hirelearn.v1.Experiments': {
    CreateExperiment: ['experimenter'],
    StartExperiment: ['experimenter'],
    PauseExperiment: ['experimenter'],
    Ramp: ['experimenter'],
    Rollback: ['experimenter'],
    GetExperiment: READ,
    ListExperiments: READ,
    // Assign computes variants from the definition; it records nothing.
    Assign: READ,
    AnalyseExperiment: READ,
    ExportFeatures: READ,
  },
  'hirelearn.v1.Monitor': {
    // A pass writes health reports and may roll a model back.
    RunNow: ['monitor', 'ml-engineer'],
    GetHealth: READ,
    ListHealth: READ,
    WatchHealth: READ,
  },
  'hirelearn.v1.Config': {
    // Publishing and rolling back change what layers 2, 5 and 6 run with.
    Publish: ['ml-engineer'],
    Rollback: ['ml-engineer'],
    // An approval publishes the recommended value.
    Decide: ['ml-engineer'],
    GetConfig: READ,
    ListConfigVersions: READ,
    WatchConfig: READ,
    ListRecommendations: READ,
  },
  // A user's personalized configuration: a read of what the nightly published (any role).
  'hirelearn.v1.Personalization': { GetPersonalizedConfig: READ },
  // Predictions, readiness and metadata change nothing.
  'hirelearn.v1.InterviewPredictor': READ,
  'hirelearn.v1.FitScorer': READ,
  // Day-one insights and questions are computed from the request; nothing is recorded but
  // the prediction log.
  'hirelearn.v1.ColdStart': READ,
  'inference.GRPCInferenceService': READ,
  'grpc.health.v1.Health': READ,
  'grpc.reflection.v1.ServerReflection': READ,
  'grpc.reflection.v1alpha.ServerReflection': READ,
};
export const SERVICE_ACCESS: Readonly<Record<string, ServiceAccess>> = Object.freeze(TABLE);

/** Anything the table does not name: admin only. */
const UNLISTED: Access = Object.freeze([]);

/** The access rule of a call path `/package.Service/Method`. */
export function accessOf(path: string): Access {
  const m = /^\/([^/]+)\/([^/]+)$/.exec(path);
  if (!m) return UNLISTED;
  const service = SERVICE_ACCESS[m[1]];
  if (service === undefined) return UNLISTED;
  if (service === READ || Array.isArray(service)) return service as Access;
  return (service as Readonly<Record<string, Access>>)[m[2]] ?? UNLISTED;
}

/** Whether `role` may make a call whose rule is `access` (reads: any role). */
export function roleMay(role: Role, access: Access): boolean {
  return access === READ || role === 'admin' || access.includes(role);
}
