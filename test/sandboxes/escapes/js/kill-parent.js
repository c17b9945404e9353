// attack: kill the parent (the sandbox child or the server) with process.kill
// mode: stdio
// expect: runtime_error
process.kill(process.ppid, 'SIGKILL');
process.kill(1, 'SIGKILL');
