import { BareContender } from './bare';
import { HoneyHiveV1Contender } from './honeyhive-v1';
import { LangfuseContender } from './langfuse';
import { OursContender } from './ours';
import { RawOtelContender } from './raw-otel';
import type { Contender, ContenderName } from './types';

/** A fresh contender by name. */
export function contender(name: ContenderName): Contender {
  switch (name) {
    case 'ours':
      return new OursContender();
    case 'raw-otel':
      return new RawOtelContender();
    case 'honeyhive-1x':
      return new HoneyHiveV1Contender();
    case 'langfuse':
      return new LangfuseContender();
    case 'bare':
      return new BareContender();
  }
}
