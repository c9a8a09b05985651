// roadmap-desktop's reporter for `node --test`: one JSON object per line, prefixed with a
// record separator so learner output can never be mistaken for an event.
// Facts it relies on (research/node-test-runner.md): the real assertion error is in
// details.error.cause; skip/todo arrive as test:pass with skip/todo set; console output of
// the test file arrives as test:stdout / test:stderr.
import { inspect } from 'node:util';

const MARK = '\u001eRD ';

function show(value) {
  return inspect(value, { depth: 4, breakLength: 100, maxArrayLength: 50, maxStringLength: 2000 });
}

function describeError(error) {
  if (!error) return null;
  const cause = error.cause ?? error;
  const out = {
    code: error.code ?? null,
    failureType: error.failureType ?? null,
    name: cause?.name ?? null,
    message: String(cause?.message ?? cause ?? ''),
    stack: typeof cause?.stack === 'string' ? cause.stack : null,
  };
  if (cause && typeof cause === 'object' && 'operator' in cause) {
    out.operator = cause.operator ?? null;
    out.expected = show(cause.expected);
    out.actual = show(cause.actual);
  }
  return out;
}

export default async function* reporter(source) {
  for await (const { type, data } of source) {
    let record = null;
    switch (type) {
      case 'test:start':
        record = { type, name: data.name, nesting: data.nesting, file: data.file ?? null };
        break;
      case 'test:pass':
      case 'test:fail':
        record = {
          type,
          name: data.name,
          nesting: data.nesting,
          file: data.file ?? null,
          kind: data.details?.type ?? 'test',
          duration_ms: data.details?.duration_ms ?? null,
          skip: data.skip !== undefined && data.skip !== false,
          todo: data.todo !== undefined && data.todo !== false,
          error: type === 'test:fail' ? describeError(data.details?.error) : null,
        };
        break;
      case 'test:stdout':
      case 'test:stderr':
        record = { type, message: data.message };
        break;
      case 'test:diagnostic':
        record = { type, message: data.message };
        break;
      default:
        break;
    }
    if (record) yield MARK + JSON.stringify(record) + '\n';
  }
}
