// attack: a timer that re-arms forever (the program never exits)
// mode: stdio
// expect: timeout
setInterval(() => {}, 1);
