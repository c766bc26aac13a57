import { ROOT_CONTEXT, propagation } from '@opentelemetry/api';
import { injectContext } from '../src';

// injectContext never writes a secret-looking baggage key, nor a value that carries a secret it was given.

it('leaves out secret-looking keys and values containing a given secret', () => {
  const baggage = propagation.createBaggage({
    api_key: { value: 'sk-1' },
    db_pwd: { value: 'hunter2' },
    id_jwt: { value: 'eyJ' },
    note: { value: 'the key is hh-secret-value-123' },
    user_email: { value: 'a@b.example' },
    max_tokens: { value: '256' },
  });
  const carrier: Record<string, string> = {};
  injectContext(propagation.setBaggage(ROOT_CONTEXT, baggage), carrier, { sessionId: 's-1' }, { secretValues: ['hh-secret-value-123', 'short'] });
  const keys = carrier.baggage?.split(',').map((pair) => pair.split('=')[0]).sort();
  expect(keys).toEqual(['max_tokens', 'session_id', 'user_email']);
});
