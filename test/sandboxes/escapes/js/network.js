// attack: network access (fetch, http, net, dgram)
// mode: stdio
// expect: runtime_error
if (typeof fetch === 'function') fetch('http://127.0.0.1:1/').then(() => console.log('reached'));
require('http').get('http://127.0.0.1:1/');
require('net').connect(1, '127.0.0.1');
