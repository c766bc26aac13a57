// The baseline of the fresh-process sections: a process that loads nothing.
import { stage } from './stage';

stage('loaded');
stage('constructed');
stage('exported');
