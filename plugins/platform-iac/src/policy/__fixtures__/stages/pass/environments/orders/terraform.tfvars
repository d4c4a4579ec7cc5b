environment = "orders"
region      = "eu-west-1"
domain      = "orders.example.com"
