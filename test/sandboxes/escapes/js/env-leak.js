// attack: leak the server's environment (tokens, paths) through process.env
// mode: stdio
// expect: ok
// stdout: {}
console.log(JSON.stringify(process.env));
