// The part of swagger2openapi (which ships no types) driftwatch uses: Swagger 2.0 object in, OpenAPI 3.0 object out.
declare module 'swagger2openapi' {
  interface ConvertOptions {
    /** Fix small errors of the source instead of failing. */
    patch?: boolean;
    /** Mark what cannot be fixed with `x-s2o-warning` instead of failing. */
    warnOnly?: boolean;
    /** Resolve to the converted document itself rather than the options object. */
    direct?: boolean;
    /** The source text (used in messages); computed from the object when absent. */
    text?: string;
    resolve?: boolean;
  }
  export function convertObj(swagger: Record<string, unknown>, options: ConvertOptions & { direct: true }): Promise<Record<string, unknown>>;
}
