// The ceiling: a bare Express server that reads the same requests (raw body, 1 MB limit) and answers 200 without work.
import express from 'express';

const app = express();
app.post('/webhooks/chatwoot', express.raw({ type: () => true, limit: 1024 * 1024 }), (_req, res) => {
  res.status(200).json({ result: 'accepted' });
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
