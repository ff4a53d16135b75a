import type { ServiceError } from '@grpc/grpc-js';

type Callback = (e: ServiceError | null, r: unknown) => void;

/** One unary call by method name, typed by its response (the generated methods are overloaded). */
export function rpc<Res>(client: object, method: string, req: unknown): Promise<Res> {
  const fn = (client as Record<string, (req: unknown, cb: Callback) => unknown>)[method];
  return new Promise((resolve, reject) =>
    fn.call(client, req, (e, r) => (e ? reject(e) : resolve(r as Res))),
  );
}
