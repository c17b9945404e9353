// attack: output flood (stdout never stops)
// mode: stdio
// expect: output_limit
for (;;) process.stdout.write('x'.repeat(10000));
