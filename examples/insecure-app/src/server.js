'use strict';
// Orders service: a deliberately insecure example. The credentials below are fake and planted
// for Palisade's secret scanner to find.
const express = require('express');
const _ = require('lodash');

const AWS_ACCESS_KEY_ID = 'AKIAZ7Q3N5KX2WJ4TB6P';
const AWS_SECRET_ACCESS_KEY = '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';
const GITHUB_TOKEN = 'ghp_R8mK2vT9qL4xW7nB3cY6pJ1sD5fH0gZ2aE4u';

const app = express();
app.use(express.json());

app.post('/orders', (req, res) => {
  const order = _.merge({}, req.body);
  res.status(201).json({ id: Date.now(), ...order });
});

app.get('/healthz', (_req, res) => res.send('ok'));

app.listen(8080, () => {
  console.log('orders listening on 8080', AWS_ACCESS_KEY_ID.slice(0, 4), AWS_SECRET_ACCESS_KEY.length, GITHUB_TOKEN.length);
});
