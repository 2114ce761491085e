// Every host suite, in run order.
import './activation.test';
