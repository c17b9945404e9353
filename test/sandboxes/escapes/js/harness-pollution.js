// attack: pollute what the harness itself uses to report (Object.prototype setters, array index getters, String/JSON methods) so a wrong answer is reported as the expected one
// mode: function
// entry: solve
// expect: ok
// value: 1
const fake = () => 42;
for (const k of ['status', 'value', 'error', 'stdout', 'exit', 'pending', 'exited']) {
  try {
    Object.defineProperty(Object.prototype, k, { get: fake, set() {}, configurable: true });
  } catch {}
}
try { Object.defineProperty(Array.prototype, '0', { get: fake, set() {}, configurable: true }); } catch {}
try { String.prototype.slice = fake; } catch {}
try { JSON.stringify = () => '{"status":"ok","value":"42"}'; } catch {}
try { Object.getOwnPropertyNames = () => []; } catch {}
try { Reflect.getOwnPropertyDescriptor = () => ({ value: 42 }); } catch {}
function solve() {
  return 1;
}
