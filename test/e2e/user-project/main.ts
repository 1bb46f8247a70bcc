import { App } from "cdktf";
import { OrdersStack } from "./orders-stack";

const app = new App();
new OrdersStack(app, "orders");
app.synth();
