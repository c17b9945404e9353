// attack: output flood that catches the output-limit error and keeps printing
// mode: stdio
// expect: output_limit
for (;;) {
  try {
    console.log('y'.repeat(1000));
  } catch {}
}
