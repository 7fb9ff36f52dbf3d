// A simple JSON API server for the load benchmark: each request builds and serialises a list of
// 100 items (a few dozen microseconds of work), enough that the server, not the load generator,
// limits throughput, so it shows the profiler's cost per request.
// Listens on port 0 and prints its port; closes on SIGINT.
import http from 'node:http';

function item(id) {
  return { id, name: `item ${id}`, tags: ['a', 'b', 'c'], price: id * 1.5, stock: id % 7 };
}

const server = http.createServer((request, response) => {
  const id = Number(request.url?.split('/').pop()) || 1;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ items: Array.from({ length: 100 }, (_, i) => item(id + i)) }));
});
server.listen(0, '127.0.0.1', () => console.log(`listening on ${server.address().port}`));
process.once('SIGINT', () => {
  server.close();
  server.closeAllConnections();
});
