import { createLogger, silentLogger, type LogSink } from '../src/logger';

function spySink(): jest.Mocked<LogSink> {
  return { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() } as unknown as jest.Mocked<LogSink>;
}

describe('createLogger', () => {
  it('is quiet for debug and info by default, but prints warn and error', () => {
    const sink = spySink();
    const logger = createLogger({ sink });
    logger.debug('d');
    logger.info('i');
    logger.warn('w', { detail: 1 });
    logger.error('e');
    expect(sink.debug).not.toHaveBeenCalled();
    expect(sink.info).not.toHaveBeenCalled();
    expect(sink.warn).toHaveBeenCalledWith('[honeyhive] w', { detail: 1 });
    expect(sink.error).toHaveBeenCalledWith('[honeyhive] e');
  });

  it('prints debug and info when verbose', () => {
    const sink = spySink();
    const logger = createLogger({ sink, verbose: true });
    logger.debug('d', 1);
    logger.info('i');
    expect(sink.debug).toHaveBeenCalledWith('[honeyhive] d', 1);
    expect(sink.info).toHaveBeenCalledWith('[honeyhive] i');
  });

  it('uses a custom prefix, or none', () => {
    const sink = spySink();
    createLogger({ sink, prefix: '[hh:test]' }).warn('x');
    createLogger({ sink, prefix: '' }).warn('y');
    expect(sink.warn.mock.calls).toEqual([['[hh:test] x'], ['y']]);
  });

  it('writes to console by default', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const debug = jest.spyOn(console, 'debug').mockImplementation(() => undefined);
    try {
      const logger = createLogger();
      logger.warn('to console');
      logger.debug('hidden');
      expect(warn).toHaveBeenCalledWith('[honeyhive] to console');
      expect(debug).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      debug.mockRestore();
    }
  });

  it('never throws when the sink throws', () => {
    const boom = () => {
      throw new Error('sink failed');
    };
    const logger = createLogger({ verbose: true, sink: { debug: boom, info: boom, warn: boom, error: boom } });
    expect(() => {
      logger.debug('a');
      logger.info('b');
      logger.warn('c');
      logger.error('d');
    }).not.toThrow();
  });
});

describe('silentLogger', () => {
  it('prints nothing at any level', () => {
    const spies = (['debug', 'info', 'warn', 'error'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation(() => undefined),
    );
    try {
      silentLogger.debug('a');
      silentLogger.info('b');
      silentLogger.warn('c');
      silentLogger.error('d');
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
