// Codeforces 12B "Correct Solution?" (code_contests_sample id 17), input read with process.stdin 'data'/'end'.
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  input += chunk;
});
process.stdin.on('end', () => {
  const [n, m] = input.split(/\s+/).filter(Boolean);
  const digits = n.split('').sort();
  if (digits[0] === '0') {
    const i = digits.findIndex((d) => d !== '0');
    if (i > 0) [digits[0], digits[i]] = [digits[i], digits[0]];
  }
  console.log(digits.join('') === m ? 'OK' : 'WRONG_ANSWER');
});
