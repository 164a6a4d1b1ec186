/**
 * A small JSON-Schema checker for the OpenAPI 3.0 subset PayPal's descriptions use ($ref, allOf, anyOf,
 * oneOf, type, properties, required, enum, pattern, min/maxLength, minimum/maximum, items,
 * min/maxItems). `format` is ignored (PayPal-internal formats; the pattern carries the constraint).
 * Used by the conformance test to hold the emulator and the client to PayPal's schemas.
 */
type Schema = Record<string, unknown>;

export interface OpenApiDoc {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> }; responses: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema }> }> }>>;
  components: Record<string, Record<string, unknown>>;
}

function resolve(doc: OpenApiDoc, ref: string): Schema {
  const parts = ref.replace(/^#\//, '').split('/');
  let cur: unknown = doc;
  for (const p of parts) cur = (cur as Record<string, unknown>)[decodeURIComponent(p)];
  if (!cur) throw new Error(`unresolvable $ref ${ref}`);
  return cur as Schema;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function checkSchema(doc: OpenApiDoc, schema: Schema, value: unknown, at = '$'): string[] {
  if (schema.$ref) return checkSchema(doc, resolve(doc, schema.$ref as string), value, at);
  const errors: string[] = [];
  for (const sub of (schema.allOf as Schema[] | undefined) ?? []) errors.push(...checkSchema(doc, sub, value, at));
  for (const key of ['anyOf', 'oneOf'] as const) {
    const subs = schema[key] as Schema[] | undefined;
    if (!subs) continue;
    const matching = subs.filter((s) => checkSchema(doc, s, value, at).length === 0).length;
    if (matching === 0 || (key === 'oneOf' && matching > 1)) errors.push(`${at}: matches ${matching} of the ${key} alternatives`);
  }
  const t = schema.type as string | undefined;
  const actual = typeOf(value);
  if (t && !(t === actual || (t === 'number' && actual === 'integer'))) return [...errors, `${at}: expected ${t}, got ${actual}`];
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) errors.push(`${at}: longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) errors.push(`${at}: does not match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${at}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${at}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((v, i) => errors.push(...checkSchema(doc, schema.items as Schema, v, `${at}[${i}]`)));
  }
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    for (const r of (schema.required as string[] | undefined) ?? []) if (!(r in obj)) errors.push(`${at}: missing required ${r}`);
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [k, s] of Object.entries(props)) if (k in obj) errors.push(...checkSchema(doc, s, obj[k], `${at}.${k}`));
  }
  return errors;
}

/** The JSON schema of a documented response (follows `$ref` to components.responses). */
export function responseSchema(doc: OpenApiDoc, path: string, method: string, status: number): Schema {
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`undocumented operation ${method} ${path}`);
  let res = op.responses[String(status)] ?? op.responses.default;
  if (!res) throw new Error(`undocumented status ${status} for ${method} ${path}`);
  if (res.$ref) res = resolve(doc, res.$ref) as typeof res;
  const schema = res.content?.['application/json']?.schema;
  if (!schema) throw new Error(`no JSON body documented for ${status} ${method} ${path}`);
  return schema;
}

export function requestSchema(doc: OpenApiDoc, path: string, method: string): Schema {
  const schema = doc.paths[path]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`no JSON request body documented for ${method} ${path}`);
  return schema;
}
