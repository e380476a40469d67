import { cosmosKind } from '../common/stores';
import { storeContract } from './contract';

storeContract(cosmosKind);
