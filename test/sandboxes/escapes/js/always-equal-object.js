// attack: return an object that claims equality with anything (valueOf/toString/toJSON/equals)
// mode: function
// entry: solve
// expect: invalid_return
function solve() {
  return { valueOf: () => 42, toString: () => '42', toJSON: () => 42, equals: () => true, __eq__: () => true };
}
