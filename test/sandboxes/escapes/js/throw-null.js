// attack: throw non-Error values (null, a symbol) at the top level
// mode: stdio
// expect: runtime_error
throw null;
