export { RandomStream } from './stream'
